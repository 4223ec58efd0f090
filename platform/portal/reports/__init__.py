"""Editorial reports: what each unit published, by period, against its targets."""
