"""The demo federation and load-test data. The top layer: it may import every
app and nothing imports it."""
