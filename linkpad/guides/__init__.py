"""The alternative prescription pad: the "at a glance" guide to local support, and a person's link plan."""
