"""The training pages, one module per area. Views parse input, call
selectors and services, and render."""
