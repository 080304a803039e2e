"""The network a user draws: model, registry of layer types, validation, project files, compile.

Qt-free. ``Project`` is plain data; ``validate`` explains what is wrong; ``compile_project``
builds the engine network.
"""

from .compile import SpecError, compile_project
from .io import ProjectError, load_project, project_from_dict, project_from_json, save_project
from .model import FORMAT, VERSION, DatasetSpec, LinkSpec, NodeSpec, Project
from .registry import LAYER_TYPES, TRAINING_PARAMS, LayerType, ParamSpec
from .validate import DataShape, Problem, Validation, format_shape, validate

__all__ = [
    "FORMAT", "LAYER_TYPES", "TRAINING_PARAMS", "VERSION", "DataShape", "DatasetSpec",
    "LayerType", "LinkSpec", "NodeSpec", "ParamSpec", "Problem", "Project", "ProjectError",
    "SpecError", "Validation", "compile_project", "format_shape", "load_project",
    "project_from_dict", "project_from_json", "save_project", "validate",
]
