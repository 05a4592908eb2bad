import os

import pytest

from hypothesis import HealthCheck, settings

# tests/helpers.py HEAVY: the heaviest property tests run half of max_examples under ci. ci keeps the whole suite
# under 10 minutes on 2 cores (1731 tests took 664 s at 60 examples); deeper runs: HYPOTHESIS_PROFILE=thorough
settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# The tests read what govrubric prints with no language named (status lines 「中文 / English」, documents in
# Chinese), whatever the locale of the machine running them (an en_US.UTF-8 desktop would choose English);
# tests/test_i18n.py sets the language itself.
os.environ.setdefault("GOVRUBRIC_LANG", "both")


@pytest.fixture(autouse=True)
def _language_as_found():
    """A test that names a language (i18n.set_language, a compiled scorer's set_language) leaves it named for the
    next test in the same worker; every test starts from the environment's choice again."""
    yield
    from govrubric import _runtime, i18n

    i18n.set_language(None)
    _runtime._speak(None)
