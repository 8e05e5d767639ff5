"""Forms of the training pages, one module per area."""
