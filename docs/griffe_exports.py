"""A Griffe extension: a package's exported function wins over a submodule of the same name.

``evidence_graph.store`` exports the function ``push``, defined in its submodule of the same
name: at run time ``evidence_graph.store.push`` is the function, but Griffe, reading the files,
takes it for the submodule. This extension makes the package's member what Python makes it, so
the reference shows every name of ``__all__``. The package's other names that come from that
submodule are tied to their objects first, as they were read.
"""

from __future__ import annotations

from typing import Any

import griffe


class ExportsOverSubmodules(griffe.Extension):
    """Replace a submodule by the same-named object it defines, where ``__all__`` says so."""

    def on_package(self, *, pkg: griffe.Module, **_: Any) -> None:
        """Fix every module of the package once it is loaded."""
        for module in _modules(pkg):
            for name in [str(export) for export in module.exports or ()]:
                member = module.members.get(name)
                if not isinstance(member, griffe.Module) or name not in member.members:
                    continue
                prefix = f"{member.path}."
                for other in module.members.values():
                    if isinstance(other, griffe.Alias) and other.target_path.startswith(prefix):
                        other.target = member.get_member(other.target_path.removeprefix(prefix))
                module.set_member(name, griffe.Alias(name, member.members[name], parent=module))


def _modules(module: griffe.Module) -> list[griffe.Module]:
    found = [module]
    for member in list(module.members.values()):
        if isinstance(member, griffe.Module):
            found.extend(_modules(member))
    return found
