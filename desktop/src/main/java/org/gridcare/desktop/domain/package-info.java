/** The desktop's pure domain: call scripts and their typed answers, knowledge-base articles, call-history rows. java.* and platform domain only. */
package org.gridcare.desktop.domain;
