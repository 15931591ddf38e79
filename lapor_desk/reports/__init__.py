"""Documents for leadership: a block tree built from plain data, rendered to DOCX and PDF."""
