from django.urls import path

from lokalagenda.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("partnerskap/", views.national, name="national"),
    path("partnerskap/<int:pk>/", views.partnership_detail, name="partnership"),
    path("partnerskap/<int:pk>/rediger/", views.partnership_edit, name="partnership-edit"),
    path("partnerskap/partnere/", views.partner_list, name="partners"),
    path("partnerskap/partnere/<int:pk>/", views.partner_detail, name="partner"),
    path("partnerskap/partnere/<int:pk>/rediger/", views.partner_edit, name="partner-edit"),
    path("kommune/<str:number>/partnerskap/", views.kommune_overview, name="kommune"),
    path("kommune/<str:number>/partnerskap/ny/", views.partnership_create, name="partnership-create"),
    path("kommune/<str:number>/partnerskap/ny-partner/", views.partner_create, name="partner-create"),
]
