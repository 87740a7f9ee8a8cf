package io.freshdeskbigquery;
public class Placeholder {}
