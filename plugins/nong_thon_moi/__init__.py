"""New rural development (nông thôn mới): the national criteria, each commune's progress,
and a network overview on district and province portals."""
