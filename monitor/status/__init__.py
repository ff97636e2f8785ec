"""Status: what the database says about claims and feeds (alerts, lifecycle, health, export, digest, describe)."""
