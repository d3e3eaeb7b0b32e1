"""Package layout that pyproject.toml cannot say: the top-level data folders.

The repository keeps ``resources/``, ``db/`` and ``images/`` at its top (the layout the
project brief asks for); the wheel installs them *inside* the package as ``app.resources``,
``app.db`` and ``app.images``, so the app reads them with importlib.resources wherever
it is installed. Editable installs map the same names onto the checkout's folders.
Everything else (metadata, dependencies, scripts) is in pyproject.toml.
"""

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

DATA_ROOTS = {"app.resources": "resources", "app.db": "db", "app.images": "images"}
# Folders of data inside them; listed as packages so setuptools installs them as such.
DATA_PACKAGES = {
    "app.db.migrations": ["*.sql"],
    "app.images": ["*.jpg"],
    "app.resources.i18n": ["*.qm"],
    "app.resources.icons": ["*.svg", "*.png"],
    "app.resources.sample": ["*.txt"],
}


class DataOnlyBuildPy(build_py):
    """Ship no Python from the data folders but their ``__init__``.

    They hold the maintainers' generators (resources/make_standins.py,
    resources/i18n/fill_ts.py), which are not part of the app.
    """

    def find_package_modules(self, package, package_dir):
        modules = super().find_package_modules(package, package_dir)
        if package in DATA_ROOTS or package in DATA_PACKAGES:
            return [m for m in modules if m[1] == "__init__"]
        return modules


setup(
    packages=[*find_packages(include=["app", "app.*"]), *DATA_ROOTS, *DATA_PACKAGES],
    package_dir=DATA_ROOTS,
    package_data={"app": ["**/*.json"], **DATA_PACKAGES},
    cmdclass={"build_py": DataOnlyBuildPy},
)
