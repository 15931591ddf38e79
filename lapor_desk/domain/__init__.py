"""Pure domain rules of LAPOR Desk: no Qt, no SQLAlchemy, no I/O."""
