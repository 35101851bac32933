"""Which models run on which photo, in dependency order: the runner, the registry of
analyzers, and the one loop used by the library pass and by dropped photos alike."""
