"""Measurement methods: Open SDG progress status, SDSN scores, dashboards and trends, OECD distance to the 2030
end value, and key-result progress. Each returns a :class:`~lokalagenda.core.measure.results.MethodResult` that
carries the method's name, version and parameters; :mod:`~lokalagenda.core.measure.registry` finds them by name.
The rules are those of ``shared/methods/measurement.md``.
"""

from lokalagenda.core.measure.results import MeasurementError, MethodResult

__all__ = ["MeasurementError", "MethodResult"]
