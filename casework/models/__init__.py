from .jurisdiction import Jurisdiction
from .parties import Employer, Industry, Person
from .personal_data import UnmaskedView
from .users import User

__all__ = ["Employer", "Industry", "Jurisdiction", "Person", "UnmaskedView", "User"]
