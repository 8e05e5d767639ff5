"""URLs of the training pages, one module per area; lms/urls.py includes each."""
