"""Business rules of the public pages as plain functions: views and templates only call them."""
