"""Forløp: shared collaboration pathways for children and young people."""
