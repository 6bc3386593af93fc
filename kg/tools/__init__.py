"""Developer tools that generate checked-in files; not used at run time."""
