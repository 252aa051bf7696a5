/** The embedded Salesforce org on loopback. */
package dev.warden.localorg;
