"""LAPOR Desk: the SP4N-LAPOR! complaint register and coordination-meeting desk of Biro Humas."""

__version__ = "0.1.0"
