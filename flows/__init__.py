"""Prefect flows of baoku and its command line."""
