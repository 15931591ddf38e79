"""The "Data Master" page: units, topics, SLA rules, holidays, status mapping, routing rules."""

from lapor_desk.ui.views.master_data.master_data_view import MasterDataView

__all__ = ["MasterDataView"]
