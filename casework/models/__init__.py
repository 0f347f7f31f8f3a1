from .jurisdiction import Jurisdiction
from .users import User

__all__ = ["Jurisdiction", "User"]
