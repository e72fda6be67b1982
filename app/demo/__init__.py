"""Demo data for Helse Vest: places, the service catalogue, pathways and local overrides."""
