"""The only place that talks to APScheduler."""
