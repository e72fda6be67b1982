"""Review rounds (lokal revisjon): assessments, the traffic-light matrix, workbooks."""
