"""The apps depend one way (docs/architecture.md): the layers contract in pyproject.toml holds.

import-linter reads every module of every app, migrations and imports inside
functions included. A forbidden edge fails the first test, with the chain of
imports that makes it in the captured output; the second shows that such an
edge is caught.
"""

from pathlib import Path

import grimp
from importlinter import api  # configures import-linter, as its command line does
from importlinter.application import use_cases
from importlinter.contracts.layers import LayersContract

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def layers_contract():
    configuration = api.read_configuration(config_filename=str(PYPROJECT))
    (options,) = [options for options in configuration["contracts_options"] if options["id"] == "layers"]
    session_options = configuration["session_options"]
    contract = LayersContract(name=options["name"], session_options=session_options, contract_options=options)
    return contract, session_options["root_packages"]


def test_the_apps_depend_one_way():
    assert use_cases.lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True), (
        "An import goes against the layers of pyproject.toml: the report above names it."
    )


def test_an_import_from_core_into_a_feature_app_breaks_the_contract():
    contract, packages = layers_contract()
    graph = grimp.build_graph(*packages, cache_dir=None)
    assert contract.check(graph, verbose=False).kept

    graph.add_import(
        importer="core.models", imported="events.models", line_number=1, line_contents="from events.models import X"
    )

    assert not contract.check(graph, verbose=False).kept
