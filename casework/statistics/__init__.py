"""Settlement statistics against the 14th five-year plan's targets (statutes.md §6).

Each case app registers its *case series* (``registry.register_series``) from its ``AppConfig.ready()``;
``queries`` counts them with aggregate SQL, ``figures`` turns the counts into rates with their
definitions, and ``dashboard``, ``exports``, ``charts`` present them.
"""
