"""Dashboard panels, one module each (see ``docs/dashboards.md``).

Every panel is a ``QWidget`` with ``panel_id``, ``title``, ``relevant``/``reason`` (why it is
empty for this network), ``export_png(path)``, and is fed by ``nnsim.ui.dashboard.Dashboard``.
"""

from .base import Context, LayerInfo, Panel
from .gates import GatesPanel
from .gradients import GradientsPanel
from .loss import LossPanel
from .neurons import NeuronsPanel
from .output import OutputPanel
from .through_time import ThroughTimePanel
from .weights import WeightsPanel

#: in the order a main window should dock them
PANEL_CLASSES = (LossPanel, OutputPanel, GradientsPanel, WeightsPanel, NeuronsPanel,
                 ThroughTimePanel, GatesPanel)

__all__ = ["PANEL_CLASSES", "Context", "GatesPanel", "GradientsPanel", "LayerInfo", "LossPanel",
           "NeuronsPanel", "OutputPanel", "Panel", "ThroughTimePanel", "WeightsPanel"]
