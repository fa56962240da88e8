from tests.personas import *  # noqa: F401,F403 - the newsroom cast as fixtures
