include $(sort $(wildcard $(BR2_EXTERNAL_CORRAL_PATH)/package/*/*.mk))
