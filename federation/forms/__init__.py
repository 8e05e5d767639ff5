"""The federation's forms, a module a feature (the same as views/)."""
