"""Reads of learner records, one module per area: each returns querysets or
values ready to render, so a template never runs a query per row."""
