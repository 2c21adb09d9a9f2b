"""Custom actions: render answers from locales/, decide when a human is needed. They return data only."""
