"""What every portal of the network has: its page types and default content."""
