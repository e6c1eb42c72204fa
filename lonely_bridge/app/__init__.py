"""The top layer: the entry points and the composition root that builds everything else."""
