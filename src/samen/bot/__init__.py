"""The platform-neutral bot core: events in, replies out; state through a store interface."""
