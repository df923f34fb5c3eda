"""One screen per file. STEP_SCREENS maps each interview step to its screen."""

from .base import StepScreen
from .channels import ChannelsScreen
from .fit import FitScreen
from .relationships import RelationshipsScreen
from .segments import SegmentsScreen
from .value import ValueScreen

STEP_SCREENS: dict[str, type[StepScreen]] = {
    "segments": SegmentsScreen,
    "value": ValueScreen,
    "channels": ChannelsScreen,
    "relationships": RelationshipsScreen,
    "fit": FitScreen,
}
