"""Hidden test suites, one package per chapter, and the strategies and timing helper they share."""
