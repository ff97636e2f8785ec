"""Run: the work that wires the stages to the store (poll cycle, re-check, `monitor check`, scheduler)."""
