"""Shared helpers for every app: file exports, dates, the client's address,
rate limits and the accessible form renderer. Imports no app of ours."""
