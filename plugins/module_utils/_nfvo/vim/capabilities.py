# -*- coding: utf-8 -*-
# Copyright: (c) 2026, SmartNFVO contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a VIM can do. Callers ask a driver (`X in driver.capabilities`) instead of branching on its type."""

from __future__ import annotations

# Connection points get the addresses and MACs the plan gives them.
FIXED_IPS = "fixed_ips"
# VDU instances can be stopped and started again (the vnf module's start and stop).
POWER = "power"
# Software images are uploaded from the VNF package when the VIM lacks them.
IMAGE_UPLOAD = "image_upload"
# VDU instances go to named availability zones (availability_zone, vnf_vims).
AVAILABILITY_ZONES = "availability_zones"
# VNFs of one NS may go to other VIMs of the same type (vnf_vims).
MULTI_VIM = "multi_vim"
# The controller reaches every VDU instance's management address over SSH once it is ready, so a VNF that
# cannot be reached is a failure, not a network the controller is simply not on.
SSH = "ssh"

ALL = (FIXED_IPS, POWER, IMAGE_UPLOAD, AVAILABILITY_ZONES, MULTI_VIM, SSH)
