"""Business rules for case intake: plain functions, unit-tested, called by views and commands."""
