"""Search logs under its modules' names, which the settings send to stderr at ``LOG_LEVEL``."""

import importlib
import logging
import pkgutil

from django.db import connection

import search
from config.logging import logging_config

#: Modules that load on their database only (modelsearch's SQLite backend
#: reads a model it registers on SQLite).
VENDOR_MODULES = {"search.backends.database.sqlite": "sqlite"}


def search_modules():
    for module_info in pkgutil.walk_packages(search.__path__, prefix="search."):
        vendor = VENDOR_MODULES.get(module_info.name, connection.vendor)
        if ".migrations" not in module_info.name and vendor == connection.vendor:
            yield importlib.import_module(module_info.name)


def test_every_search_logger_is_named_after_its_module():
    loggers = {module.__name__: module.logger for module in search_modules() if hasattr(module, "logger")}
    assert "search.service.query_log" in loggers
    assert "search.backends.elasticsearch_fallback" in loggers
    for name, logger in loggers.items():
        assert isinstance(logger, logging.Logger)
        assert logger.name == name


def test_the_search_loggers_write_to_stderr_at_the_configured_level():
    config = logging_config("INFO", "text")
    search_logger = config["loggers"]["search"]
    assert search_logger["handlers"] == ["stderr"]
    assert search_logger["level"] == "INFO"
    assert config["handlers"]["stderr"]["class"] == "logging.StreamHandler"
    assert "level" not in config["handlers"]["stderr"]  # the logger's level decides
