"""samen: the Do's for online study groups."""
