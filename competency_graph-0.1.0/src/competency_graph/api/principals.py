"""Who sends a request and what their role allows (the tokens come from the server's file:
:mod:`competency_graph.server.access`).

Roles, each allowing what the ones before it do: ``reader`` (queries), ``editor`` (create,
update and delete job descriptions), ``approver`` (the approval steps), ``admin`` (the audit
log). A server without a tokens file lets everyone do everything (:data:`OPEN`).
"""

from __future__ import annotations

from dataclasses import dataclass

from competency_graph.errors import InputError

#: the roles, weakest first: each may do what the ones before it may
ROLES = ("reader", "editor", "approver", "admin")


class Unauthenticated(InputError):
    """A request whose token is missing (where one is needed) or unknown."""

    code = "UNAUTHENTICATED"


class Forbidden(InputError):
    """A request whose role does not allow what it asks."""

    code = "FORBIDDEN"


@dataclass(frozen=True)
class Principal:
    """Who sent a request: a token's name and role, or the anonymous reader."""

    name: str
    role: str
    #: False for a request without a token: it is asked for one, not told it may not
    authenticated: bool = True

    def may(self, role: str) -> bool:
        """True when this principal's role is ``role`` or a stronger one."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def require(self, role: str, action: str) -> None:
        """Raise :class:`Unauthenticated` (no token) or :class:`Forbidden` (a weaker role)
        unless the principal may act as ``role``."""
        if not self.may(role) and not self.authenticated:
            raise Unauthenticated(
                f"{action} needs a token with the role {role} or above: "
                "Authorization: Bearer <token>"
            )
        if not self.may(role):
            raise Forbidden(
                f"{action} needs the role {role} or above; {self.name} has the role {self.role}"
            )


#: a request without a token, where the server lets such requests read
ANONYMOUS = Principal("anonymous", "reader", authenticated=False)
#: everyone, on a server without a tokens file (documented: for a trusted network only)
OPEN = Principal("anyone", "admin")
