from pathlib import Path

import pytest

from sitrep.errors import SettingsError
from sitrep.settings import SETTINGS, Settings, load_settings


def test_every_setting_is_documented_and_has_a_field():
    fields = set(Settings.__dataclass_fields__)
    names = {name for name, _, _ in SETTINGS}
    assert names == fields
    for name, _default, help_text in SETTINGS:
        assert len(help_text) > 15, f"setting {name} needs a real help text"


def test_every_setting_appears_in_the_readme():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for name, _, _ in SETTINGS:
        assert f"`{name}`" in readme, f"README does not document setting {name}"


def test_precedence_is_defaults_then_file_then_environment_then_flags(tmp_path):
    user_file = tmp_path / "sitrep.toml"
    user_file.write_text('db = "from-file.db"\nbatch_size = 4\n', encoding="utf-8")
    env = {"SITREP_DB": "from-env.db", "SITREP_UNRELATED_THING": "x"}
    assert load_settings(user_file, environ={}).db == "from-file.db"
    assert load_settings(user_file, environ=env).db == "from-env.db"
    assert load_settings(user_file, environ=env, db="flag.db").db == "flag.db"
    assert load_settings(user_file, environ=env).batch_size == 4
    assert load_settings(environ={}).db == "sitrep.db"


def test_unknown_setting_in_a_file_is_an_error(tmp_path):
    user_file = tmp_path / "sitrep.toml"
    user_file.write_text("colour = 3\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown setting 'colour'"):
        load_settings(user_file, environ={})


def test_wrong_type_is_an_error():
    with pytest.raises(SettingsError, match="max_bytes"):
        load_settings(environ={"SITREP_MAX_BYTES": "lots"})
