"""Impact: what cutting or expanding CLP posts does to waits, wellbeing and costs (issue 6)."""
