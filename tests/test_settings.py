"""Settings: defaults, then the config file, then KAIM_* environment variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaim.settings import Settings, SettingsError, load_settings


def test_defaults_when_nothing_is_set(tmp_path):
    settings = load_settings({"KAIM_HOME": str(tmp_path)})
    assert settings.home == tmp_path
    assert settings.http_timeout == Settings.http_timeout
    assert settings.warehouse.writer_db == tmp_path / "warehouse.duckdb"


def test_config_file_then_environment(tmp_path):
    (tmp_path / "kaim.toml").write_text('http_timeout = 5\nkeep_versions = 2\nuser_agent = "x/1"\n')
    env = {"KAIM_HOME": str(tmp_path), "KAIM_KEEP_VERSIONS": "9"}
    settings = load_settings(env)
    assert (settings.http_timeout, settings.keep_versions, settings.user_agent) == (5.0, 9, "x/1")


def test_explicit_config_path_and_home_expansion(tmp_path, monkeypatch):
    config = tmp_path / "elsewhere.toml"
    config.write_text('home = "~/kaim-data"\n')
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = load_settings({"KAIM_CONFIG": str(config)})
    assert settings.home == Path(tmp_path) / "kaim-data"


@pytest.mark.parametrize(("env", "config", "message"), [
    ({"KAIM_HTTP_RETRIES": "many"}, "", "environment variable KAIM_HTTP_RETRIES: cannot read 'many' as int"),
    ({}, "colour = 'blue'\n", "unknown setting 'colour'"),
    ({}, "http_timeout = [\n", "kaim.toml"),
])
def test_bad_settings_name_the_setting_and_origin(tmp_path, env, config, message):
    (tmp_path / "kaim.toml").write_text(config)
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_settings({"KAIM_HOME": str(tmp_path), **env})


def test_every_setting_is_documented_in_the_readme():
    from dataclasses import fields

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(Settings) if f"| `{f.name}` | `KAIM_{f.name.upper()}` |" not in readme]
    assert missing == []
