"""Assam's 35 districts, the places a reporter says they report from, and "Other" for anywhere else.

A reporter's district is one of these values (the English name, so e-mails and searches read it as
it is), shown in the reader's language through `get_district_display()`. Karimganj is Sribhumi
since 2024; its old name stays in the label so reporters find it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    BAJALI = "Bajali", _("Bajali")
    BAKSA = "Baksa", _("Baksa")
    BARPETA = "Barpeta", _("Barpeta")
    BISWANATH = "Biswanath", _("Biswanath")
    BONGAIGAON = "Bongaigaon", _("Bongaigaon")
    CACHAR = "Cachar", _("Cachar")
    CHARAIDEO = "Charaideo", _("Charaideo")
    CHIRANG = "Chirang", _("Chirang")
    DARRANG = "Darrang", _("Darrang")
    DHEMAJI = "Dhemaji", _("Dhemaji")
    DHUBRI = "Dhubri", _("Dhubri")
    DIBRUGARH = "Dibrugarh", _("Dibrugarh")
    DIMA_HASAO = "Dima Hasao", _("Dima Hasao")
    GOALPARA = "Goalpara", _("Goalpara")
    GOLAGHAT = "Golaghat", _("Golaghat")
    HAILAKANDI = "Hailakandi", _("Hailakandi")
    HOJAI = "Hojai", _("Hojai")
    JORHAT = "Jorhat", _("Jorhat")
    KAMRUP = "Kamrup", _("Kamrup")
    KAMRUP_METROPOLITAN = "Kamrup Metropolitan", _("Kamrup Metropolitan")
    KARBI_ANGLONG = "Karbi Anglong", _("Karbi Anglong")
    KOKRAJHAR = "Kokrajhar", _("Kokrajhar")
    LAKHIMPUR = "Lakhimpur", _("Lakhimpur")
    MAJULI = "Majuli", _("Majuli")
    MORIGAON = "Morigaon", _("Morigaon")
    NAGAON = "Nagaon", _("Nagaon")
    NALBARI = "Nalbari", _("Nalbari")
    SIVASAGAR = "Sivasagar", _("Sivasagar")
    SONITPUR = "Sonitpur", _("Sonitpur")
    SOUTH_SALMARA_MANKACHAR = "South Salmara-Mankachar", _("South Salmara-Mankachar")
    SRIBHUMI = "Sribhumi", _("Sribhumi (Karimganj)")
    TAMULPUR = "Tamulpur", _("Tamulpur")
    TINSUKIA = "Tinsukia", _("Tinsukia")
    UDALGURI = "Udalguri", _("Udalguri")
    WEST_KARBI_ANGLONG = "West Karbi Anglong", _("West Karbi Anglong")
    OTHER = "Other", _("Other (outside Assam)")
